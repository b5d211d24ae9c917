-- One role and one database per service (no service reads another's tables), and Keycloak's.
-- NON-PRODUCTION credentials; they match the Secrets generated in kustomization.yaml.
CREATE ROLE identity     LOGIN PASSWORD 'dev-only-identity';
CREATE ROLE resources    LOGIN PASSWORD 'dev-only-resources';
CREATE ROLE applications LOGIN PASSWORD 'dev-only-applications';
CREATE ROLE enrollment   LOGIN PASSWORD 'dev-only-enrollment';
CREATE ROLE documents    LOGIN PASSWORD 'dev-only-documents';
CREATE ROLE web          LOGIN PASSWORD 'dev-only-web';
CREATE ROLE keycloak     LOGIN PASSWORD 'dev-only-keycloak';
CREATE DATABASE identity     OWNER identity;
CREATE DATABASE resources    OWNER resources;
CREATE DATABASE applications OWNER applications;
CREATE DATABASE enrollment   OWNER enrollment;
CREATE DATABASE documents    OWNER documents;
CREATE DATABASE web          OWNER web;
CREATE DATABASE keycloak     OWNER keycloak;
