// npm run bench:delete
import { runDestructiveBenchAndExit } from "./destructive";

runDestructiveBenchAndExit("delete_organization");
