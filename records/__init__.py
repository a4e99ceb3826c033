"""Decision records: MADR 4.0 Markdown, print HTML, a re-importable bundle, and a check that they still hold.

Public API::

    from records.record import make_record, write_record
    from records.bundle import read_bundle, load_requirements_or_bundle
    from records.check import check_folder
"""
