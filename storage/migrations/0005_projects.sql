-- Joint projects (filled in by the projects feature).
SELECT 1;
