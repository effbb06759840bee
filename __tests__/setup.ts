import { Testing } from "cdktf";

// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...) for every test file.
Testing.setupJest();
