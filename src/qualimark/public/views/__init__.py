"""The pages of the public registry."""
