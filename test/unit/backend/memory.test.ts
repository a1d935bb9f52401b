import { MemoryBackend } from "../../../runtime/backend/memory/index";
import { runBackendConformance } from "./conformance";

runBackendConformance("memory", async () => ({ backend: new MemoryBackend(), cleanup: async () => {} }));
