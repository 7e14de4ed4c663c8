-- Every person belongs to the city on their record from the start of records, until it changes.
INSERT INTO person_city (person_id, city_code, valid_from)
SELECT p.id, p.city_code, DATE '1900-01-01' FROM person p
WHERE NOT EXISTS (SELECT 1 FROM person_city pc WHERE pc.person_id = p.id);
