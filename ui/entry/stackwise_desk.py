"""The decision desk as ``stackwise app`` runs it (``streamlit run`` on this file).

The same page as ``streamlit run app.py`` in a checkout: both call :func:`ui.desk.main`.
"""
from ui.desk import main

main()
