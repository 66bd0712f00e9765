"""The packages of the wheel; everything else is in pyproject.toml.

The files conflict-kg reads at run time stay in the top-level folders ``ontology/``,
``queries/`` and ``data/``; the wheel installs them inside the package as ``kg/ontology``,
``kg/queries`` and ``kg/data`` (one copy: ``[tool.setuptools.package-dir]`` maps the names
onto the folders). Automatic discovery cannot list mapped packages, hence this file.
"""

from setuptools import find_namespace_packages, setup

MAPPED = ["kg.ontology", "kg.queries", "kg.data"]

setup(packages=find_namespace_packages(include=["kg", "kg.*"], exclude=["*.__pycache__"]) + MAPPED)
