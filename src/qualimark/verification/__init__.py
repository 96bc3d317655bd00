"""The question the registry exists for: is this code valid on this date, and if not, why?

`verify` answers it (`verify.verify`, `verify.verify_many`) from the verification model
(`models`), which `projection` keeps from the change feed.
"""
