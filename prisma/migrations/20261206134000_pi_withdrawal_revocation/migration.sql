-- PI-7: withdrawal of consent by the client and revocation by a compliance officer, recorded on the case.
ALTER TABLE "OnboardingCase" ADD COLUMN "withdrawnAt" TIMESTAMP(3);
ALTER TABLE "OnboardingCase" ADD COLUMN "revokedAt" TIMESTAMP(3);
ALTER TABLE "OnboardingCase" ADD COLUMN "revokedById" TEXT;
ALTER TABLE "OnboardingCase" ADD COLUMN "revocationReason" TEXT;
