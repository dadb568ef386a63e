package dev.graft.cli.demo;

import java.security.PublicKey;
import java.util.List;

/** The kinds the demo runs, in order. A new kind is one more entry with its two embedded artifacts. */
public final class DemoKinds {

    private DemoKinds() {
    }

    public static List<DemoKind> all(DemoArtifacts artifacts) {
        PublicKey signedBy = artifacts.signedBy();
        return List.of(
                new DemoKind("jvm", "greeter",
                        artifacts.extract("greeter-jvm-v1.jar"), Answers.GREETER_V1,
                        artifacts.extract("greeter-jvm-v2.jar"), Answers.GREETER_V2, signedBy),
                // examples/greeter-native's C builds: greeter.c, and greeter.c with -DGREETER_V2
                new DemoKind("native", "greeter",
                        artifacts.extract("greeter-native-v1.so"), Answers.GREETER_V1,
                        artifacts.extract("greeter-native-v2.so"), Answers.GREETER_V2, signedBy),
                // examples/greeter-wasm's WAT builds: greeter-wasm-v1.wat and greeter-wasm-v2.wat
                new DemoKind("wasm", "greeter",
                        artifacts.extract("greeter-wasm-v1.wasm"), Answers.GREETER_V1,
                        artifacts.extract("greeter-wasm-v2.wasm"), Answers.GREETER_V2, signedBy),
                // examples/greeter-polyglot's scripts
                new DemoKind("js", "greeter",
                        artifacts.extract("greeter-js-v1.js"), Answers.GREETER_V1,
                        artifacts.extract("greeter-js-v2.js"), Answers.GREETER_V2, signedBy),
                new DemoKind("python", "greeter",
                        artifacts.extract("greeter-python-v1.py"), Answers.GREETER_V1,
                        artifacts.extract("greeter-python-v2.py"), Answers.GREETER_V2, signedBy));
    }
}
