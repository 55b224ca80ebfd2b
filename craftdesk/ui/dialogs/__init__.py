"""Dialogs of the Kunden, Artikel and Projekte tabs."""
