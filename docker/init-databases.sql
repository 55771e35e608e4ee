-- One database per subgraph: each organisation's subgraph owns its own data (see subgraphs/kit/src/subgraph-registry.ts).
CREATE DATABASE tdg_local_authorities;
CREATE DATABASE tdg_teaching_school_hubs;
CREATE DATABASE tdg_scitts;
CREATE DATABASE tdg_curriculum_hubs;
