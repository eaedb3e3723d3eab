-- +goose Up
-- step_guard lets a step that is written as one statement (its rows and
-- its audit event, store/step_statement.go) refuse itself: the statement
-- asks it whether every part wrote its row, and a false answer raises,
-- which rolls the whole statement back. Without it a statement in
-- autocommit would keep the parts that did write (issue 12).
-- +goose StatementBegin
CREATE FUNCTION step_guard(ok boolean) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF ok IS NOT TRUE THEN
        RAISE EXCEPTION 'step not written whole' USING ERRCODE = 'P0002';
    END IF;
    RETURN true;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION step_guard(boolean);
