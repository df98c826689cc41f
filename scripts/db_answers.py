"""Exits 0 when the database at the given URL accepts a connection, 1 otherwise."""

import sys

import psycopg

try:
    psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
except psycopg.Error:
    sys.exit(1)
