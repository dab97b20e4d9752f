"""ASM Academy build logic: plain functions used by the MkDocs hooks and by the command line.

Nothing here imports MkDocs, so the same checks, status report and handout export keep working
under another generator (Material for MkDocs reaches end of life in May 2027).
"""
