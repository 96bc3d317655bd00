"""What a user may see, one look-up per object type, for pages, the API and downloads.

Who may *do* what is decided by the services themselves (the role table in
`parties.roles`, each object's rule in its app); this app only finds the objects a user may
open, answering "not found" alike for what does not exist and for what is not theirs.
"""
