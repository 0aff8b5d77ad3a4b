"""Views of the public site (anonymous, cached: `public.http`) and of the equity team's publishing pages."""
