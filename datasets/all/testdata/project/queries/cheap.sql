SELECT id FROM shuttles WHERE price <= :max_price ORDER BY id
