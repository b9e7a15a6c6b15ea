"""Advice: the rule table and ``recommend()``, the task of a CSV file, framework snippets.

Plain Python (no numpy, no catalog import): ``actv recommend``, ``rules`` and ``guide``
start fast.
"""
