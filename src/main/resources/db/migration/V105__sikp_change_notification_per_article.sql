-- The change notification names the article and the state it reached ('<id> <status> <version> <updated_at in
-- microseconds since the epoch>'), so a server skips exactly the changes its index already holds (its own
-- edits) and applies every other one, even one committed while its own edit was being applied. A statement that
-- changes many rows (an import's batch) announces each; repeats within a transaction still fold into one.
CREATE OR REPLACE FUNCTION sikp_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('sikp_changed', OLD.id || ' deleted');
  ELSE
    PERFORM pg_notify('sikp_changed', NEW.id || ' ' || NEW.status || ' ' || NEW.current_version || ' '
        || (extract(epoch FROM NEW.updated_at) * 1000000)::bigint);
  END IF;
  RETURN NULL;
END
$$;
DROP TRIGGER sikp_articles_changed ON sikp_articles;
CREATE TRIGGER sikp_articles_changed AFTER INSERT OR UPDATE OR DELETE ON sikp_articles
  FOR EACH ROW EXECUTE FUNCTION sikp_notify_changed();
