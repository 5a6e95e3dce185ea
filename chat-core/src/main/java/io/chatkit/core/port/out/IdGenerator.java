package io.chatkit.core.port.out;

import java.security.SecureRandom;

/** Makes unique id parts for rooms and messages. Inject a sequence in tests so ids are predictable. */
@FunctionalInterface
public interface IdGenerator {

    /** A new id of 1-64 characters from A-Z a-z 0-9 and underscore. */
    String next();

    /** 20 random base-32 characters: 100 bits, enough that two ids never collide in practice. */
    static IdGenerator random() {
        SecureRandom random = new SecureRandom();
        char[] alphabet = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
        return () -> {
            char[] id = new char[20];
            for (int i = 0; i < id.length; i++) {
                id[i] = alphabet[random.nextInt(alphabet.length)];
            }
            return new String(id);
        };
    }
}
