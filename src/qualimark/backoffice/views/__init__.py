"""The pages of the staff back-office, one module per object they show."""
