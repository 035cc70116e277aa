/**
 * A public zone for a dev environment publishing one record group per Route 53 routing policy
 * (simple, weighted, latency, failover, geolocation, geoproximity, multivalue), the health checks
 * the failover and multivalue groups need, and their alarms in us-east-1 (where Route 53 publishes
 * health-check metrics) to an encrypted notification topic in that Region.
 */
import * as aws from "@pulumi/aws";
import { encryptedTopic } from "@platform/core";
import { PublicRecords } from "../src";

const ACCOUNT = "200000000002";

export default function simple() {
  const provider = new aws.Provider("dev", { region: "eu-west-1" });
  const usEast1 = new aws.Provider("dev-us-east-1", { region: "us-east-1" });
  const { topic } = encryptedTopic(
    "dev-dns-alarms",
    {
      topicName: "dev-dns-alarms",
      publishers: ["cloudwatch"],
      accountId: ACCOUNT,
      region: "us-east-1",
    },
    { provider: usEast1 },
  );
  const zone = new PublicRecords(
    "dev-public",
    {
      namePrefix: "dev",
      accountId: ACCOUNT,
      global: { provider: usEast1, region: "us-east-1", topicArn: topic.arn },
      config: {
        zoneName: "dev.example.com",
        healthChecks: {
          "api-eu": { type: "HTTPS", fqdn: "api-eu.dev.example.com", resourcePath: "/healthz" },
          "api-us": { type: "HTTPS", fqdn: "api-us.dev.example.com", resourcePath: "/healthz" },
          "dns-a": { type: "TCP", ipAddress: "192.0.2.53", port: 53 },
          "dns-b": { type: "TCP", ipAddress: "198.51.100.53", port: 53 },
        },
        records: [
          { name: "www.dev.example.com", type: "CNAME", values: ["web.dev.example.com"] },
          ...[
            ["blue", 90],
            ["green", 10],
          ].map(([id, weight]) => ({
            name: "app.dev.example.com",
            type: "A" as const,
            values: [id === "blue" ? "192.0.2.10" : "192.0.2.20"],
            setIdentifier: String(id),
            routing: { policy: "weighted" as const, weight: Number(weight) },
          })),
          {
            name: "api.dev.example.com",
            type: "A",
            values: ["192.0.2.30"],
            setIdentifier: "eu-west-1",
            healthCheck: "api-eu",
            routing: { policy: "latency", region: "eu-west-1" },
          },
          {
            name: "api.dev.example.com",
            type: "A",
            values: ["198.51.100.30"],
            setIdentifier: "us-east-1",
            healthCheck: "api-us",
            routing: { policy: "latency", region: "us-east-1" },
          },
          {
            name: "portal.dev.example.com",
            type: "A",
            values: ["192.0.2.40"],
            setIdentifier: "primary",
            healthCheck: "api-eu",
            routing: { policy: "failover", role: "primary" },
          },
          {
            name: "portal.dev.example.com",
            type: "A",
            values: ["198.51.100.40"],
            setIdentifier: "secondary",
            routing: { policy: "failover", role: "secondary" },
          },
          {
            name: "shop.dev.example.com",
            type: "A",
            values: ["192.0.2.50"],
            setIdentifier: "europe",
            routing: { policy: "geolocation", location: { continent: "EU" } },
          },
          {
            name: "shop.dev.example.com",
            type: "A",
            values: ["198.51.100.50"],
            setIdentifier: "default",
            routing: { policy: "geolocation", location: "default" },
          },
          {
            name: "media.dev.example.com",
            type: "A",
            values: ["192.0.2.60"],
            setIdentifier: "dublin",
            routing: { policy: "geoproximity", awsRegion: "eu-west-1", bias: 25 },
          },
          {
            name: "media.dev.example.com",
            type: "A",
            values: ["198.51.100.60"],
            setIdentifier: "virginia",
            routing: { policy: "geoproximity", awsRegion: "us-east-1" },
          },
          {
            name: "ns-edge.dev.example.com",
            type: "A",
            values: ["192.0.2.53"],
            setIdentifier: "a",
            healthCheck: "dns-a",
            routing: { policy: "multivalue" },
          },
          {
            name: "ns-edge.dev.example.com",
            type: "A",
            values: ["198.51.100.53"],
            setIdentifier: "b",
            healthCheck: "dns-b",
            routing: { policy: "multivalue" },
          },
        ],
      },
    },
    { provider },
  );
  return { zoneId: zone.zoneId, nameServers: zone.nameServers };
}
