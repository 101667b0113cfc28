import { createPrismaClient } from "../lib/prisma-client";
import { drainOutbox, smtpMailer } from "../lib/notices/outbox";

/**
 * An outbox worker in a process of its own, for lib/notices/outbox.db.test.ts to kill with SIGKILL
 * while the SMTP server holds its replies. Usage: tsx test/outbox-worker-child.ts <database url> <schema> <smtp url>
 */
const [url, schema, smtpUrl] = process.argv.slice(2);
const db = createPrismaClient(url, schema);
const mailer = smtpMailer(smtpUrl, "Perps Portal <notices@test.example>", { maxConnections: 5 });
await drainOutbox({ db, schema, mailer, batchSize: 50, concurrency: 5 }, { budgetMs: 120_000 });
mailer.transport.close();
await db.$disconnect();
