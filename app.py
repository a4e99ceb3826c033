"""stackwise decision desk: run with ``streamlit run app.py`` (or ``stackwise app``).

The page lives in :mod:`ui.desk` so that the installed package carries it too.
"""
from ui.desk import main

main()
