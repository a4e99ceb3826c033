"""Holds only the script ``stackwise app`` hands to ``streamlit run``.

A folder of its own because Streamlit puts the script's folder first on
``sys.path`` (and looks there for ``pages/``): here that adds nothing but this
script, where ``ui/`` itself would make every page module importable under a
bare name (``state``, ``md``, ...) and able to shadow other modules.
"""
