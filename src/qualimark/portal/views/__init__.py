"""The holder portal's pages, one module per part of the holder's work."""
