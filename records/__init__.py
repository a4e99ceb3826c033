"""Decision records: Markdown (MADR 4.0, log4brains or Nygard layout), print HTML, a re-importable bundle,
a status that changes over time, a decision log, and a check that the decisions still hold.

Public API::

    from records.record import make_record, write_record
    from records.bundle import read_bundle, load_requirements_or_bundle
    from records.check import check_folder
    from records.flavors import FLAVORS, read_head, set_status
    from records.lifecycle import find_record, status_edits, write_all
    from records.index import write_readme
"""
