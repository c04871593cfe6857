"""Packaging for prescreen. Runtime and test dependencies are declared here and only here."""

from setuptools import Extension, find_packages, setup

BEAM_VERSION = "2.77.0"  # see README "Development": the Flink job-server check

setup(
    name="prescreen",
    version="0.1.0",
    description="Passenger pre-arrival screening (API/PAXLST and PNR/PNRGOV) on Apache Beam",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.11",
    packages=find_packages(include=["pipeline", "pipeline.*"]),
    package_data={"pipeline": ["py.typed", "data/*", "data/names/*"]},
    include_package_data=True,
    install_requires=[
        f"apache-beam=={BEAM_VERSION}",
        "pandas>=2.0",
        "rapidfuzz>=3.0",
        "pyyaml>=6.0",
        "faker>=20.0",
        "pycountry>=23.0",  # ISO 3166 tables: alpha-2 → alpha-3 without a hand-kept list
        "rich>=13.0",  # progress display and tables on the terminal
        "defusedxml>=0.7",  # UN list XML: refuses DTDs, entity expansion and external references
    ],
    extras_require={
        "test": [
            "pytest>=8.0",
            "hypothesis>=6.100",
            "pydifact==0.2.3",  # test-time oracle and benchmark baseline only
        ],
    },
    entry_points={"console_scripts": ["prescreen=pipeline.cli:main"]},
    # Hot loops in C, all optional: without a compiler the identical Python code is used. The
    # EDIFACT tokenizer's segment loop (pipeline/edifact/tokenizer.py), the name score's token
    # alignment (pipeline/matching/features.py), the candidate ranking (pipeline/matching/index.py).
    ext_modules=[
        Extension("pipeline.edifact._speedups", ["pipeline/edifact/_speedups.c"], optional=True),
        Extension("pipeline.matching._align", ["pipeline/matching/_align.c"], depends=["pipeline/matching/lcs.h"],
                  optional=True),
        Extension("pipeline.matching._postings", ["pipeline/matching/_postings.c"],
                  depends=["pipeline/matching/lcs.h"], optional=True),
    ],
)
