-- Run by utils/real-programs/sqlite3.sh through the sqlite3 shell, natively
-- and as wasm2native output, against a database file in a granted directory.
-- Everything here is deterministic: no random(), no 'now', no version text
-- that names the compiler.
.bail on
PRAGMA page_size = 4096;
PRAGMA journal_mode = DELETE;

CREATE TABLE customer(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  city TEXT,
  credit REAL
);
CREATE TABLE item(
  id INTEGER PRIMARY KEY,
  label TEXT UNIQUE,
  price REAL NOT NULL,
  weight REAL
);
CREATE TABLE orders(
  id INTEGER PRIMARY KEY,
  customer INTEGER REFERENCES customer(id),
  item INTEGER REFERENCES item(id),
  qty INTEGER,
  note TEXT
);
CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX orders_item ON orders(item, qty);

BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO customer(id, name, city, credit)
SELECT i,
       'cust-' || printf('%04d', i),
       CASE i % 7 WHEN 0 THEN 'Oslo' WHEN 1 THEN 'Lima' WHEN 2 THEN 'Kyiv'
                  WHEN 3 THEN 'Pune' WHEN 4 THEN 'Nice' WHEN 5 THEN NULL
                  ELSE 'Baku' END,
       (i * 7919 % 10007) / 3.0 - 1000.125
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO item(id, label, price, weight)
SELECT i, 'item-' || hex(i * 2654435761 % 4294967296),
       round((i * 104729 % 99991) / 100.0 + 0.005, 2),
       CASE WHEN i % 11 = 0 THEN NULL ELSE 1.0 / i END
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO orders(id, customer, item, qty, note)
SELECT i, 1 + (i * 48271 % 2147483647) % 500, 1 + (i * 16807) % 200,
       1 + i % 13,
       CASE WHEN i % 97 = 0 THEN 'rush ' || substr('abcdefghijklmnopqrstuvwxyz', 1 + i % 26, 5)
            ELSE NULL END
FROM n;
COMMIT;

UPDATE customer SET credit = credit * 1.5 WHERE city = 'Lima';
DELETE FROM orders WHERE qty = 13 AND customer % 3 = 0;
CREATE TABLE totals AS
  SELECT c.id AS customer, count(*) AS n, sum(o.qty * i.price) AS spent
  FROM customer c JOIN orders o ON o.customer = c.id JOIN item i ON i.id = o.item
  GROUP BY c.id;
CREATE VIEW big_spenders AS
  SELECT customer, spent FROM totals WHERE spent > 100000;
