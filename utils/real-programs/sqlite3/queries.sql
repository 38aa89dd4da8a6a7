-- Queries against the database schema.sql made (utils/real-programs/sqlite3.sh).
.bail on
.headers on
.mode list
SELECT count(*) AS customers, sum(credit) AS credit, avg(credit) AS avg_credit,
       min(credit), max(credit) FROM customer;
SELECT city, count(*) AS n, printf('%.3f', avg(credit)) AS avg,
       printf('%12.4e', sum(credit)) AS sum, total(credit) / 3
FROM customer GROUP BY city ORDER BY city;
SELECT c.city, count(DISTINCT o.item) AS items, sum(o.qty) AS qty,
       printf('%.2f', sum(o.qty * i.price)) AS revenue,
       printf('%g', avg(i.weight)) AS avg_weight
FROM orders o JOIN customer c ON c.id = o.customer JOIN item i ON i.id = o.item
GROUP BY c.city HAVING qty > 100 ORDER BY revenue DESC;
.mode column
SELECT customer, n, printf('%.6f', spent) AS spent,
       rank() OVER (ORDER BY spent DESC) AS rank,
       printf('%.4f', spent * 100.0 / sum(spent) OVER ()) AS share
FROM totals ORDER BY spent DESC, customer LIMIT 15;
.mode box
SELECT i.label, i.price, i.weight, count(o.id) AS orders,
       group_concat(DISTINCT o.qty) AS qtys
FROM item i LEFT JOIN orders o ON o.item = i.id
WHERE i.id % 40 = 3 GROUP BY i.id ORDER BY i.id;
.mode csv
SELECT id, name, city, credit, credit / 7, 1e300 * credit, -0.0 * credit,
       CAST(credit AS INTEGER), quote(credit), printf('%.17g|%!.20g|%e', credit, credit, credit)
FROM customer WHERE id % 61 = 0;
.mode json
SELECT id, label, price, weight FROM item WHERE id IN (1, 2, 3, 11, 199);
.mode line
SELECT json_object('n', count(*), 'avg_qty', avg(qty), 'max', max(qty)) AS j,
       total_changes() AS changes
FROM orders WHERE note IS NOT NULL;
.mode csv
.headers on
.once export.csv
SELECT id, label, price, weight FROM item WHERE id % 9 = 0 ORDER BY price;
.import export.csv imported
.mode list
.headers off
SELECT count(*), sum(CAST(price AS REAL)), group_concat(label, ',') FROM imported;
SELECT printf('%5.1f%%', 100.0 * count(*) / (SELECT count(*) FROM orders))
FROM orders WHERE qty > 6;
SELECT * FROM big_spenders ORDER BY spent DESC LIMIT 3;
SELECT 9007199254740993, 0.1 + 0.2, 1.0 / 3, 2.5e-310, 1e308 * 10, -1e308 * 10,
       round(2.675, 2), 123456789012345678, 4.35 * 100, 1 / 0;
PRAGMA integrity_check;
SELECT name, type FROM sqlite_schema ORDER BY name;
.output dump.sql
.dump
.output stdout
.print done
