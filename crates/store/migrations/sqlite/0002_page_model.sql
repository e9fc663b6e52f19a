-- What the checks read from each page (breadcrumb, list items, footer, board…), as JSON
-- written by the engine: stored with the page so a resumed run judges the whole site.
ALTER TABLE pages ADD COLUMN model TEXT;
