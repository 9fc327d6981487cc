// npm run bench:purge
import { runDestructiveBench } from "./destructive";

void runDestructiveBench("purge_chats").then(() => process.exit(0));
