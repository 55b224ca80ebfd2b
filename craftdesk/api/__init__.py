"""sevDesk HTTP client (``client``), its typed errors (``errors``), request bodies
(``payloads``) and the parsing of sevDesk JSON into typed records (``records``)."""
