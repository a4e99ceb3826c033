"""The shipped matrix, bibliography, examples, FAQ and custom-matrix samples.

Data only: this file exists so that the installed copy of this folder (the package
``stackwise_data``, see ``package-dir`` in pyproject.toml) is a regular package that
:func:`importlib.resources.files` can point at. Read paths from ``criteria.loader``
(``DATA_DIR``), never from here.
"""
