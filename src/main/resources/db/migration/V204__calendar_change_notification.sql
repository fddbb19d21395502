-- An admin's edit of the days off, on whichever node, is announced on the 'calendar_changed' channel (at commit),
-- so every node rebuilds its working calendar at once instead of computing deadlines from a stale one.
CREATE FUNCTION calendar_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('calendar_changed', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER calendar_days_changed AFTER INSERT OR UPDATE OR DELETE ON calendar_days
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_notify_changed();
