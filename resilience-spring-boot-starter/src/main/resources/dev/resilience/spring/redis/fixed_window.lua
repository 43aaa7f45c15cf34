-- Fixed window: a counter per window of one refill period, aligned on Redis time.
--
-- State: one hash per limit and key, w = index of the window last written, c = permits
-- counted in it. Permits counted beyond the capacity (a debt) carry into the next windows,
-- one capacity per window.
--
-- KEYS[1]  the counter's key
-- ARGV[1]  acquire | peek | charge | refund
-- ARGV[2]  permits asked for, or adjusted
-- ARGV[3]  the capacity of one window
-- ARGV[4]  the window length in nanoseconds
--
-- Returns {allowed (1 or 0), count before, count after, nanoseconds left in the window}.
local key = KEYS[1]
local op = ARGV[1]
local amount = tonumber(ARGV[2])
local capacity = tonumber(ARGV[3])
local period = tonumber(ARGV[4]) / 1000

local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local index = math.floor(now / period)
local left = math.max(math.ceil(((index + 1) * period - now) * 1000), 1)
local state = redis.call('HMGET', key, 'w', 'c')
local count = 0
if state[1] then
    count = tonumber(state[2])
    local passed = index - tonumber(state[1])
    if passed > 0 then
        count = math.max(count - capacity * passed, 0)
    end
end

local after
if op == 'acquire' then
    after = count + amount
    if after > capacity then
        return {0, count, after, left}
    end
elseif op == 'charge' then
    after = count + amount
elseif op == 'refund' then
    after = math.max(count - amount, 0)
else
    return {1, count, count, left}
end

if after <= 0 then
    redis.call('DEL', key)
else
    redis.call('HSET', key, 'w', string.format('%.0f', index), 'c', string.format('%.0f', after))
    -- Live until the count, debt included, has drained, but never less than one second.
    local windows = math.ceil(after / capacity) - 1
    local ttl = math.ceil((left + windows * period * 1000) / 1000000)
    redis.call('PEXPIRE', key, math.max(1000, ttl))
end
return {1, count, after, left}
