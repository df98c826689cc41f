"""The KPI dashboard: `figures` reads each figure from the database as plain values for a set of filters;
`report` turns them into the tables the page, its charts and its downloads share."""
