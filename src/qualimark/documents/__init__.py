"""Printable documents of the registry: QR codes and the PDFs of certificates and datasheets.

A plain package, not an app: it reads the domain apps and writes bytes; it has no models.
"""
