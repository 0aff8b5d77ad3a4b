"""Presenters of the public pages: plain functions that turn a published snapshot's payload (and the request's
declared filters) into what a template shows. They read no database: everything comes from the payload."""
