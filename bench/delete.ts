// npm run bench:delete
import { runDestructiveBench } from "./destructive";

void runDestructiveBench("delete_organization").then(() => process.exit(0));
