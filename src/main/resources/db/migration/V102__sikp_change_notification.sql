-- Any committed change to the articles, by this server, another node or the sikp-import command, is announced
-- on the 'sikp_changed' channel (delivered at commit; repeats within a transaction fold into one), so every
-- server re-syncs its index within a second instead of at its next periodic check.
CREATE FUNCTION sikp_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sikp_changed', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER sikp_articles_changed AFTER INSERT OR UPDATE OR DELETE ON sikp_articles
  FOR EACH STATEMENT EXECUTE FUNCTION sikp_notify_changed();
