package dev.rehearse.account;

import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface AccountRepository extends ReactiveCrudRepository<Account, Long> {

	@Query("select * from app_user where lower(username) = lower(:username)")
	Mono<Account> findByUsername(String username);

	@Modifying
	@Query("update app_user set password_hash = :passwordHash where id = :id")
	Mono<Integer> updatePassword(Long id, String passwordHash);

}
