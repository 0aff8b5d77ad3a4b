"""Spreadsheet import of a whole plan (ADR 0037): read a CSV/XLSX file, map its headers to the column registry,
preview what would be created or changed, and apply it through the services in one transaction."""
