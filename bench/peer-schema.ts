/**
 * The type definitions @neo4j/graphql 7 (the peer) serves over ZoneGraph's own database. Every
 * entity carries the label `Entity` and a kind label; the peer's types name both, so its
 * `MATCH (this:Enterprise:Entity) WHERE this.id = $id` can use the `entity_id` uniqueness index
 * as ZoneGraph's statements do. Relationship types are ZoneGraph's RelationType names, and the
 * properties are the stored ones (src/ingest/plan.ts): id, name, sortName, kind, subtype, and on
 * relations id, key, amountAmount, evidenceIds.
 *
 * Only what the bench cases ask for is mapped (bench/cases.ts). What the peer cannot express is
 * said there, case by case.
 */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Financing @relationshipProperties {
    id: ID!
    key: String
    amountAmount: String
    amountRaw: String
  }

  type Link @relationshipProperties {
    id: ID!
    key: String
  }

  type Zone @node(labels: ["Zone", "Entity"]) {
    id: ID!
    name: String!
    sortName: String
    kind: String!
    subtype: String
    "Firms LOCATED_IN the zone itself (not those of its parks)."
    enterprises: [Enterprise!]! @relationship(type: "LOCATED_IN", direction: IN, properties: "Link")
    "Firms the zone HOSTS."
    hostedEnterprises: [Enterprise!]! @relationship(type: "HOSTS", direction: OUT, properties: "Link")
    regions: [Region!]! @relationship(type: "LOCATED_IN", direction: OUT, properties: "Link")
    parks: [Park!]! @relationship(type: "PART_OF", direction: IN, properties: "Link")
    projects: [Project!]! @relationship(type: "DEVELOPS", direction: OUT, properties: "Link")
  }

  type Park @node(labels: ["Park", "Entity"]) {
    id: ID!
    name: String!
    sortName: String
    zone: [Zone!]! @relationship(type: "PART_OF", direction: OUT, properties: "Link")
  }

  type Enterprise @node(labels: ["Enterprise", "Entity"]) {
    id: ID!
    name: String!
    sortName: String
    kind: String!
    subtype: String
    industries: [String!]
    zones: [Zone!]! @relationship(type: "LOCATED_IN", direction: OUT, properties: "Link")
    financedBy: [Bank!]! @relationship(type: "FINANCED_BY", direction: OUT, properties: "Financing")
    partners: [Enterprise!]! @relationship(type: "PARTNERED_WITH", direction: OUT, properties: "Link")
  }

  type Bank @node(labels: ["Bank", "Entity"]) {
    id: ID!
    name: String!
    sortName: String
    kind: String!
    "Firms FINANCED_BY the bank."
    financed: [Enterprise!]! @relationship(type: "FINANCED_BY", direction: IN, properties: "Financing")
    "Projects FINANCED_BY the bank."
    financedProjects: [Project!]! @relationship(type: "FINANCED_BY", direction: IN, properties: "Financing")
  }

  type University @node(labels: ["University", "Entity"]) {
    id: ID!
    name: String!
    sortName: String
  }

  type Project @node(labels: ["Project", "Entity"]) {
    id: ID!
    name: String!
    sortName: String
    kind: String!
    totalInvestmentAmount: String
    totalInvestmentSort: Float
  }

  type Region @node(labels: ["Region", "Entity"]) {
    id: ID!
    name: String!
    sortName: String
    zones: [Zone!]! @relationship(type: "LOCATED_IN", direction: IN, properties: "Link")
  }

  type Source @node(labels: ["Source", "Entity"]) {
    id: ID!
    name: String!
    title: String
  }
`;
