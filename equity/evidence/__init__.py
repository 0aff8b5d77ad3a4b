"""Evidence: files attached to records wherever work happens (plan actions, milestones, progress updates,
assessments, training sessions, ...), designed once in the core.

- `filetypes`, `checks`: what a file is (by content) and whether it is accepted; the library uses them too.
- `registry`: which models accept attachments, declared by each app's `attachments.py` (ATTACHMENT_OWNERS).
- `services`: upload and removal (audited, no orphan file); `selectors`: the attachment lists of detail pages and
  the attachment lines of a record's history; `views`, `forms`: the shared upload, download and remove pages.
"""
