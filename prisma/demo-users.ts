import type { Role } from "../lib/auth/permissions";

/**
 * The demo accounts, one per role (README "Demo users" lists the same). Demo mode only: the seed
 * refuses to run in production mode. The TOTP secrets are fixed so a demo visitor can add them to
 * an authenticator app, and so the browser tests can compute codes.
 */
export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  totpSecret: string | null;
}

export const DEMO_USERS: DemoUser[] = [
  // Perps access needs a verified e-mail address and a second factor (SEC-1): the onboarded demo client has both.
  {
    email: "client@demo.hkperps.example",
    name: "Chan Tai Man (demo client)",
    role: "CLIENT",
    password: "Client-demo-2026",
    totpSecret: "OOO3JHXEN4444C5XOTJQAMXOE7QVVFHU",
  },
  {
    email: "client.2fa@demo.hkperps.example",
    name: "Wong Siu Ling (demo client, 2FA)",
    role: "CLIENT",
    password: "Client2fa-demo-2026",
    totpSecret: "HCNXJLJAOV3KQRBKOHBVMLRR72I452FK",
  },
  {
    email: "compliance@demo.hkperps.example",
    name: "Lee Ka Yan (compliance officer)",
    role: "COMPLIANCE_OFFICER",
    password: "Compliance-demo-2026",
    totpSecret: "RA6C6SFTQ6TVX2LNQW4VJGTEMFFZMKDZ",
  },
  {
    email: "ro@demo.hkperps.example",
    name: "Ho Wing Kit (Responsible Officer)",
    role: "RESPONSIBLE_OFFICER",
    password: "Ro-demo-2026-sign",
    totpSecret: "3BC2DDOKFPU7GQIP4FYHVYFY3GZZEYSH",
  },
  // Maker-checker: a market parameter change proposed by one Responsible Officer is decided by another.
  {
    email: "ro2@demo.hkperps.example",
    name: "Lam Hoi Ying (second Responsible Officer)",
    role: "RESPONSIBLE_OFFICER",
    password: "Ro2-demo-2026-check",
    totpSecret: "J2WJQNNCV5J6U4HXG4WI7SKE4XWLE7MS",
  },
  {
    email: "afmm@demo.hkperps.example",
    name: "Cheung Ming (AFMM trader)",
    role: "AFMM_TRADER",
    password: "Afmm-demo-2026",
    totpSecret: "3OENOXXEZSDPGB2EO3EYXBZL4F62O7QR",
  },
  {
    email: "admin@demo.hkperps.example",
    name: "Ng Pui Shan (administrator)",
    role: "ADMIN",
    password: "Admin-demo-2026",
    totpSecret: "U5BKBJEF4ROTH3ORBLQOMXJQEXIHRIYK",
  },
  {
    email: "auditor@demo.hkperps.example",
    name: "Yip Chi Keung (auditor)",
    role: "AUDITOR",
    password: "Auditor-demo-2026",
    totpSecret: "CC3QKNNQ74WQC5T4YPQUFJO4A3EEV44U",
  },
];
