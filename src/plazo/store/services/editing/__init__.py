"""The dashboard's edits: a change to the work, then the early-warning watch before answering.

Above ``work`` (the records), ``forecasting`` and ``delays`` (the watch), so those keep pointing
one way: ``work`` knows nothing of forecasts or delay cases.
"""
