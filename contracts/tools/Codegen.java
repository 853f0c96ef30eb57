// Generates web3j Java bindings for every <Contract>.abi/.bin pair that tools/compile.js wrote.
// Run with the JDK's single-file source launcher (the codegen jar needs Java 21+, Maven may run on
// 17):
//   java -cp <codegen classpath> tools/Codegen.java <solcDir> <outDir> <package>
import java.io.File;
import java.util.Arrays;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

public class Codegen {
  public static void main(String[] args) throws Exception {
    File solcDir = new File(args[0]);
    File outDir = new File(args[1]);
    String pkg = args[2];
    File[] abis = solcDir.listFiles((dir, name) -> name.endsWith(".abi"));
    if (abis == null || abis.length == 0) {
      throw new IllegalStateException("no .abi files in " + solcDir);
    }
    Arrays.sort(abis);
    for (File abi : abis) {
      String name = abi.getName().substring(0, abi.getName().length() - ".abi".length());
      File bin = new File(solcDir, name + ".bin");
      // Java native types (BigInteger, String, byte[]), 20-byte addresses
      new SolidityFunctionWrapperGenerator(bin, abi, outDir, name, pkg, true, false, 20).generate();
    }
  }
}
