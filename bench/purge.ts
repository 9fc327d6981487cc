// npm run bench:purge
import { runDestructiveBenchAndExit } from "./destructive";

runDestructiveBenchAndExit("purge_chats");
