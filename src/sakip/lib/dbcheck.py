"""`python -m sakip.lib.dbcheck URL`: exit 0 when that PostgreSQL server answers."""

import sys


def main(url: str) -> int:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    try:
        psycopg.connect(
            host=cfg["HOST"] or None,
            port=cfg["PORT"] or None,
            user=cfg["USER"] or None,
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as exc:
        print(f"PostgreSQL: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
